// Many goroutines waiting at once, each on a channel of its own: each makes its gate,
// hands it to the root on ready and waits on it; once the root holds every gate (all of
// them wait), it sends i on gate i and sums what comes back on done. Prints
// BENCH:blocked:strands-<n>:<sum>:<ms> (n: first argument, default 1m).
package main

import "time"

func main() {
	n := parseSize(1000000)
	start := time.Now()
	ready, done := make(chan chan int64), make(chan int64)
	for i := int64(0); i < n; i++ {
		go func() {
			gate := make(chan int64)
			ready <- gate
			done <- <-gate
		}()
	}
	gates := make([]chan int64, 0, n)
	for i := int64(0); i < n; i++ {
		gates = append(gates, <-ready)
	}
	for i, gate := range gates {
		gate <- int64(i)
	}
	var sum int64
	for i := int64(0); i < n; i++ {
		sum += <-done
	}
	report("blocked", "strands", n, sum, start)
}
