// Shared by the Go peers: the size argument and the result line, in the same format as
// the Rust examples.
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

func parseSize(def int64) int64 {
	if len(os.Args) < 2 {
		return def
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(os.Args[1], "_", ""), 10, 64)
	if err != nil {
		fmt.Fprintln(os.Stderr, "the argument is a size, e.g. 1000000")
		os.Exit(2)
	}
	return n
}

func sizeWord(n int64) string {
	switch {
	case n >= 1000000 && n%1000000 == 0:
		return fmt.Sprintf("%dm", n/1000000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return strconv.FormatInt(n, 10)
}

func report(bench, what string, size, check int64, start time.Time) {
	ms := time.Since(start).Milliseconds()
	fmt.Printf("BENCH:%s:%s-%s:%d:%d\n", bench, what, sizeWord(size), check, ms)
}
