// Jobs per second through the gist's two Go designs, for side-by-side numbers with the .NET
// benchmarks in ../JobQueue.Dispatcher.Benchmarks: zero-length jobs, no output, a buffered jobQueue
// of the same size, 5 and 1000 workers. Not part of any build or test; run it with
//
//	GO111MODULE=off go run ./bench/go
package main

import (
	"flag"
	"fmt"
	"sort"
	"sync"
	"time"
)

type Job struct {
	Name  string
	Delay time.Duration
}

// engine submits jobs and returns once every one of them has run.
type engine func(jobs int)

// channelOfChannels is worker_original.go: the dispatcher takes a job from jobQueue and hands it to
// an idle worker's unbuffered channel, taken from workerPool. spawn keeps the gist's goroutine per
// job; without it the dispatcher hands over inline, one job at a time, as the C# port does.
func channelOfChannels(workers, queueSize int, spawn bool) engine {
	jobQueue := make(chan Job, queueSize)
	workerPool := make(chan chan Job, workers)
	var done sync.WaitGroup
	for i := 0; i < workers; i++ {
		go func() {
			own := make(chan Job)
			for {
				workerPool <- own
				job := <-own
				time.Sleep(job.Delay)
				done.Done()
			}
		}()
	}
	go func() {
		for job := range jobQueue {
			if spawn {
				go func(job Job) {
					workerJobQueue := <-workerPool
					workerJobQueue <- job
				}(job)
			} else {
				workerJobQueue := <-workerPool
				workerJobQueue <- job
			}
		}
	}()
	return func(jobs int) {
		done.Add(jobs)
		for i := 0; i < jobs; i++ {
			jobQueue <- Job{Name: "bench"}
		}
		done.Wait()
	}
}

// simplePool is worker_refactored.go: N workers ranging over one buffered channel.
func simplePool(workers, queueSize int) engine {
	jobs := make(chan Job, queueSize)
	var done sync.WaitGroup
	for i := 0; i < workers; i++ {
		go func() {
			for job := range jobs {
				time.Sleep(job.Delay)
				done.Done()
			}
		}()
	}
	return func(n int) {
		done.Add(n)
		for i := 0; i < n; i++ {
			jobs <- Job{Name: "bench"}
		}
		done.Wait()
	}
}

func main() {
	jobs := flag.Int("jobs", 1_000_000, "jobs per round")
	rounds := flag.Int("rounds", 7, "measured rounds, after one warm-up round")
	queueSize := flag.Int("queue", 1000, "jobQueue buffer")
	flag.Parse()

	designs := []struct {
		name string
		make func(workers int) engine
	}{
		{"channel of channels (goroutine per job, as the gist)", func(w int) engine { return channelOfChannels(w, *queueSize, true) }},
		{"channel of channels (inline hand-off, as the C# port)", func(w int) engine { return channelOfChannels(w, *queueSize, false) }},
		{"simple pool", func(w int) engine { return simplePool(w, *queueSize) }},
	}
	for _, workers := range []int{5, 1000} {
		for _, d := range designs {
			run := d.make(workers)
			run(*jobs)
			rates := make([]float64, *rounds)
			for r := range rates {
				start := time.Now()
				run(*jobs)
				rates[r] = float64(*jobs) / time.Since(start).Seconds() / 1e6
			}
			sort.Float64s(rates)
			fmt.Printf("%-55s %4d workers: median %6.2f M jobs/s (min %.2f, max %.2f)\n",
				d.name, workers, rates[len(rates)/2], rates[0], rates[len(rates)-1])
		}
	}
}
