package dev.tether.engine.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon worker threads that stay alive between calls, so that a parallel section
 * costs a few hundred nanoseconds instead of a thread start. Workers spin briefly after each job
 * (decode calls hundreds of matrix products per token back to back) and then park, so an idle engine
 * burns no CPU. The calling thread takes part 0 of every job.
 *
 * <p>One job at a time: {@link #run} is meant to be called by one thread (the engine serialises
 * forward passes); a call made from inside a job runs serially on the calling worker.
 */
final class WorkerPool implements AutoCloseable {

  /** A slice of a job: {@code worker} is 0 … threads−1, unique among the slices running at once. */
  @FunctionalInterface
  interface Task {
    void run(int worker, int from, int to);
  }

  /** How long an idle worker or waiting caller spins before parking. */
  private static final long SPIN_NANOS = 50_000;

  private final int threads;
  private final Worker[] workers;
  private final AtomicInteger remaining = new AtomicInteger();
  private volatile Job job;
  private volatile boolean closed;
  private volatile Thread waiter;
  private volatile boolean waiterParked;
  private volatile Throwable failure;
  private volatile boolean running;
  private long generation;

  /** One parallel section, published whole so a late worker never mixes two sections. */
  private record Job(long generation, Task task, int n, int parts) {}

  WorkerPool(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    this.threads = threads;
    this.workers = new Worker[threads - 1];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = new Worker(i + 1);
      workers[i].start();
    }
  }

  int threads() {
    return threads;
  }

  /**
   * Runs {@code task} over {@code [0, n)} in up to {@code threads} contiguous slices of near-equal
   * size and returns when all are done. An exception in any slice is rethrown here.
   */
  void run(int n, Task task) {
    if (n <= 0) {
      return;
    }
    if (closed) {
      throw new IllegalStateException("the kernels are closed");
    }
    int parts = Math.min(threads, n);
    if (parts == 1 || running || Thread.currentThread() instanceof Worker) {
      task.run(0, 0, n);
      return;
    }
    running = true;
    try {
      this.failure = null;
      this.waiter = Thread.currentThread();
      remaining.set(parts - 1);
      job = new Job(++generation, task, n, parts);
      for (int i = 0; i < parts - 1; i++) {
        if (workers[i].parked) {
          LockSupport.unpark(workers[i]);
        }
      }
      Throwable own = null;
      try {
        task.run(0, 0, sliceEnd(0, n, parts));
      } catch (Throwable t) {
        own = t;
      }
      awaitWorkers();
      Throwable t = own != null ? own : failure;
      if (t instanceof RuntimeException e) {
        throw e;
      }
      if (t instanceof Error e) {
        throw e;
      }
      if (t != null) {
        throw new IllegalStateException(t);
      }
    } finally {
      running = false;
    }
  }

  /** The end of slice {@code i} (its start is the end of slice i−1). */
  static int sliceEnd(int i, int n, int parts) {
    return (int) ((long) n * (i + 1) / parts);
  }

  private void awaitWorkers() {
    long start = System.nanoTime();
    int spins = 0;
    while (remaining.get() != 0) {
      if (++spins < 1024 || System.nanoTime() - start < SPIN_NANOS) {
        Thread.onSpinWait();
        continue;
      }
      waiterParked = true;
      if (remaining.get() != 0) {
        LockSupport.park(this);
      }
      waiterParked = false;
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Worker w : workers) {
      LockSupport.unpark(w);
    }
  }

  private final class Worker extends Thread {
    private final int index;
    volatile boolean parked;

    Worker(int index) {
      super("tether-kernel-" + index);
      this.index = index;
      setDaemon(true);
    }

    @Override
    public void run() {
      long seen = 0;
      while (true) {
        long start = System.nanoTime();
        int spins = 0;
        Job j;
        while (((j = job) == null || j.generation == seen) && !closed) {
          if (++spins < 1024 || System.nanoTime() - start < SPIN_NANOS) {
            Thread.onSpinWait();
            continue;
          }
          // Dekker handshake with run(): either it sees parked and unparks, or this sees the job.
          parked = true;
          if (((j = job) == null || j.generation == seen) && !closed) {
            LockSupport.park(this);
          }
          parked = false;
        }
        if (closed) {
          return;
        }
        seen = j.generation;
        if (index < j.parts) {
          try {
            j.task.run(index, sliceEnd(index - 1, j.n, j.parts), sliceEnd(index, j.n, j.parts));
          } catch (Throwable t) {
            failure = t;
          }
          if (remaining.decrementAndGet() == 0 && waiterParked) {
            LockSupport.unpark(waiter);
          }
        }
      }
    }
  }
}
