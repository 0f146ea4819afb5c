//! Linting inputs on worker threads while the calling thread writes the results in input order.
//!
//! Workers take inputs in order from a shared counter, so results arrive nearly in order and the
//! writer holds only a few out of turn. A worker does not start an input more than `window`
//! places ahead of the last one written: memory stays bounded however slow one input is. The
//! writer never waits for a whole batch to finish, and the workers never wait for the writer
//! unless they are a window ahead of it.

use std::collections::BTreeMap;
use std::sync::{mpsc, Condvar, Mutex};

/// Where the workers stand: the next input to take, how many are written, whether to stop.
struct Gate {
    next: usize,
    written: usize,
    stop: bool,
}

/// Runs `work` on every item on `threads` worker threads and passes each result to `write` on
/// the calling thread, in the items' order. Stops at the first error `write` returns.
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
    let gate = Mutex::new(Gate {
        next: 0,
        written: 0,
        stop: false,
    });
    let moved = Condvar::new();
    let lock = || gate.lock().unwrap_or_else(|e| e.into_inner());
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, R)>();
        for _ in 0..threads {
            let tx = tx.clone();
            let (work, moved, lock) = (&work, &moved, &lock);
            scope.spawn(move || loop {
                let i = {
                    let mut g = lock();
                    while !g.stop && g.next < items.len() && g.next >= g.written + window {
                        g = moved.wait(g).unwrap_or_else(|e| e.into_inner());
                    }
                    if g.stop || g.next >= items.len() {
                        break;
                    }
                    g.next += 1;
                    g.next - 1
                };
                if tx.send((i, work(&items[i]))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut written = 0;
        let result = rx.iter().try_for_each(|(i, r)| {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&written) {
                write(r)?;
                written += 1;
            }
            lock().written = written;
            moved.notify_all();
            Ok(())
        });
        if result.is_err() {
            lock().stop = true;
            moved.notify_all();
        }
        result
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
        assert!(done.into_inner() <= 21 + 8 + 2);
    }

    #[test]
    fn no_items_is_no_work() {
        let items: Vec<u8> = Vec::new();
        let r: Result<(), ()> = run_ordered(&items, 4, 8, |_| unreachable!(), |_: ()| Ok(()));
        assert!(r.is_ok());
    }
}
