// Skynet in Go: a tree of goroutines, each spawning ten children, down to `size`
// leaves; each leaf sends its number, each inner goroutine sums its children.
// Prints BENCH:skynet:spawn-<size>:<sum>:<ms> (size: first argument, default 1m).
package main

import "time"

func skynet(out chan<- int64, num, size int64) {
	if size == 1 {
		out <- num
		return
	}
	children := make(chan int64)
	sub := size / 10
	for i := int64(0); i < 10; i++ {
		go skynet(children, num+i*sub, sub)
	}
	var sum int64
	for i := 0; i < 10; i++ {
		sum += <-children
	}
	out <- sum
}

func main() {
	size := parseSize(1000000)
	start := time.Now()
	out := make(chan int64)
	go skynet(out, 0, size)
	sum := <-out
	report("skynet", "spawn", size, sum, start)
}
