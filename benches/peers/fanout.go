// Fan-out in Go: one producer goroutine sends n numbers into one channel and closes it;
// 100 worker goroutines receive until it is closed and each sends its sum. The work
// channel is buffered (1024): the nearest Go has to Seq's unbounded channels.
// Prints BENCH:fanout:messages-<n>:<total>:<ms> (n: first argument, default 1m).
package main

import "time"

const workers = 100

func main() {
	n := parseSize(1000000)
	start := time.Now()
	work, results := make(chan int64, 1024), make(chan int64)
	for w := 0; w < workers; w++ {
		go func() {
			var sum int64
			for v := range work {
				sum += v
			}
			results <- sum
		}()
	}
	go func() {
		for i := int64(0); i < n; i++ {
			work <- i
		}
		close(work)
	}()
	var total int64
	for w := 0; w < workers; w++ {
		total += <-results
	}
	report("fanout", "messages", n, total, start)
}
