// Ping-pong in Go: two goroutines pass a number back and forth n times over two
// unbuffered channels. Prints BENCH:pingpong:roundtrips-<n>:<sum>:<ms> (n: first
// argument, default 1m).
package main

import "time"

func main() {
	n := parseSize(1000000)
	start := time.Now()
	ping, pong, done := make(chan int64), make(chan int64), make(chan int64)
	go func() {
		for i := int64(0); i < n; i++ {
			pong <- <-ping
		}
	}()
	go func() {
		var sum int64
		for i := int64(0); i < n; i++ {
			ping <- i
			sum += <-pong
		}
		done <- sum
	}()
	sum := <-done
	report("pingpong", "roundtrips", n, sum, start)
}
