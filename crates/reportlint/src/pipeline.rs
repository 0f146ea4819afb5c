//! Linting inputs on worker threads while the calling thread writes the results in input order.
//!
//! The calling thread is a worker too: between two inputs of its own it writes every result
//! that is ready, in order. Workers take inputs from a shared counter, so results arrive nearly
//! in order, and store them in a map the writer drains; nobody wakes anybody for an ordinary
//! result (a wake-up per file cost a futex call per file). A worker does not start an input more
//! than `window` places ahead of the last one written, so memory stays bounded however long one
//! input takes; only then does it sleep until the writer catches up.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::sync::{Condvar, Mutex, MutexGuard};

struct Shared<R> {
    /// The next input to take.
    next: AtomicUsize,
    /// How many results are written.
    written: AtomicUsize,
    /// Set when writing failed: workers stop taking inputs.
    stop: AtomicBool,
    /// Results not yet written, by input index; and whether the writer waits for one.
    done: Mutex<(BTreeMap<usize, R>, bool)>,
    result_ready: Condvar,
    /// Workers a window ahead of the writer sleep here.
    gate: Mutex<()>,
    gate_moved: Condvar,
    at_gate: AtomicUsize,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `work` on every item on `threads` threads (the calling thread among them) and passes
/// each result to `write` on the calling thread, in the items' order. Stops at the first error
/// `write` returns.
pub fn run_ordered<T, R, E>(
    items: &[T],
    threads: usize,
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut write: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().try_for_each(|item| write(work(item)));
    }
    let window = window.max(threads);
    let shared = Shared {
        next: AtomicUsize::new(0),
        written: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
        done: Mutex::new((BTreeMap::new(), false)),
        result_ready: Condvar::new(),
        gate: Mutex::new(()),
        gate_moved: Condvar::new(),
        at_gate: AtomicUsize::new(0),
    };
    let sh = &shared;
    let work = &work;
    // Writes the results that are ready, in order; lets workers at the gate go on.
    let mut flush = |wait_for_one: bool| -> Result<(), E> {
        let mut written = sh.written.load(SeqCst);
        let ready: Vec<R> = {
            let mut done = lock(&sh.done);
            while wait_for_one && !done.0.contains_key(&written) {
                done.1 = true;
                done = sh
                    .result_ready
                    .wait(done)
                    .unwrap_or_else(|e| e.into_inner());
                done.1 = false;
            }
            std::iter::from_fn(|| done.0.remove(&written).inspect(|_| written += 1)).collect()
        };
        let result = ready.into_iter().try_for_each(&mut write);
        // On an error, workers are stopped before the count moves: they must not run a window
        // past results that were taken from the map but never written.
        if result.is_err() {
            sh.stop.store(true, SeqCst);
        } else {
            sh.written.store(written, SeqCst);
        }
        if sh.at_gate.load(SeqCst) > 0 {
            let _g = lock(&sh.gate);
            sh.gate_moved.notify_all();
        }
        result
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(move || loop {
                let i = sh.next.fetch_add(1, SeqCst);
                if i >= items.len() || sh.stop.load(SeqCst) {
                    break;
                }
                if i >= sh.written.load(SeqCst) + window {
                    let mut g = lock(&sh.gate);
                    sh.at_gate.fetch_add(1, SeqCst);
                    while i >= sh.written.load(SeqCst) + window && !sh.stop.load(SeqCst) {
                        g = sh.gate_moved.wait(g).unwrap_or_else(|e| e.into_inner());
                    }
                    sh.at_gate.fetch_sub(1, SeqCst);
                    drop(g);
                    if sh.stop.load(SeqCst) {
                        break;
                    }
                }
                let r = work(&items[i]);
                let mut done = lock(&sh.done);
                done.0.insert(i, r);
                if done.1 {
                    sh.result_ready.notify_one();
                }
            });
        }
        // The calling thread: its own share of the inputs, writing between them. A window ahead
        // of what is written (a worker is slow with the next result to write), it waits for that
        // result instead of taking more inputs.
        loop {
            flush(false)?;
            if sh.next.load(SeqCst) >= sh.written.load(SeqCst) + window {
                flush(true)?;
                continue;
            }
            let i = sh.next.fetch_add(1, SeqCst);
            if i >= items.len() {
                break;
            }
            let r = work(&items[i]);
            lock(&sh.done).0.insert(i, r);
        }
        // The workers' last inputs.
        while sh.written.load(SeqCst) < items.len() {
            flush(true)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_on_any_number_of_threads() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            let r: Result<(), ()> = run_ordered(
                &items,
                threads,
                4,
                |&n| {
                    // Uneven work, so that results arrive out of order.
                    let spin = (0..(n % 7) * 1000).fold(0u64, |a, b| a ^ std::hint::black_box(b));
                    std::hint::black_box(spin);
                    n
                },
                |r| {
                    seen.push(r);
                    Ok(())
                },
            );
            assert!(r.is_ok());
            assert_eq!(seen.len(), items.len(), "{threads} threads");
            assert!(seen.windows(2).all(|w| w[0] < w[1]), "{threads} threads");
        }
    }

    #[test]
    fn a_write_error_stops_the_workers_and_is_returned() {
        let items: Vec<u32> = (0..10_000).collect();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let mut written = 0;
        let r = run_ordered(
            &items,
            2,
            8,
            |&n| {
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                n
            },
            |n| {
                written += 1;
                if n == 20 {
                    Err("disk full")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r, Err("disk full"));
        assert_eq!(written, 21);
        // The window keeps the workers from running far past the failed write.
        // Indices below 20 + 8 (a window past the last count stored, 20), one more taken by the
        // other thread in the meantime.
        let done = done.into_inner();
        assert!(done <= 21 + 8 + 2, "{done} inputs linted");
    }

    #[test]
    fn no_items_is_no_work() {
        let items: Vec<u8> = Vec::new();
        let r: Result<(), ()> = run_ordered(&items, 4, 8, |_| unreachable!(), |_: ()| Ok(()));
        assert!(r.is_ok());
    }
}
