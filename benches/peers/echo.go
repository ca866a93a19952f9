// TCP echo server in Go, the peer of the Seq echo server (examples/echo_server.rs):
// listens on 127.0.0.1:<port> (first argument, default 0 = a port the OS picks), prints
// `LISTENING <port>` once it accepts, then serves every connection in a goroutine of its
// own that writes back whatever it reads until the client closes. Runs until killed.
// Load it with examples/load.rs (see benches/compare.sh echo).
package main

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"time"
)

func main() {
	port := 0
	if len(os.Args) > 1 {
		p, err := strconv.Atoi(os.Args[1])
		if err != nil || p < 0 || p > 65535 {
			fmt.Fprintln(os.Stderr, "the argument is a TCP port, e.g. 7000 (0: any free port)")
			os.Exit(2)
		}
		port = p
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		fmt.Fprintln(os.Stderr, "listen:", err)
		os.Exit(1)
	}
	// os.Stdout is unbuffered: the line is out when Printf returns.
	fmt.Printf("LISTENING %d\n", ln.Addr().(*net.TCPAddr).Port)
	for {
		conn, err := ln.Accept()
		if err != nil {
			// Temporary failures (e.g. out of file descriptors): pause briefly, as
			// net/http does, and keep accepting.
			fmt.Fprintln(os.Stderr, "accept:", err)
			time.Sleep(5 * time.Millisecond)
			continue
		}
		go echo(conn)
	}
}

// echo writes back everything it reads from conn until EOF or an error, then closes it.
func echo(conn net.Conn) {
	defer conn.Close()
	buf := make([]byte, 4096)
	for {
		n, err := conn.Read(buf)
		if n > 0 {
			if _, werr := conn.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}
