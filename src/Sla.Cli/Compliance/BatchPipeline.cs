using System.Collections.Concurrent;

namespace Sla.Cli.Compliance;

/// <summary>
/// Reads a stream's lines batch by batch, works on each batch, and hands the results over in input order. Side by side,
/// the reader runs on a thread of its own, a few more batches than cores are worked on at once (each batch on one
/// thread, in order), and the results are handed over on the calling thread; a stream of any length takes the memory of
/// those few batches.
/// </summary>
/// <remarks>
/// When taking a result fails (the output is gone), the reader is told to stop but not waited for: it may be blocked reading
/// an input that never ends (<c>tail -f</c>), and the failure must reach the user now. Its thread is a background thread, and
/// what it holds is let go when it ends.
/// </remarks>
internal static class BatchPipeline
{
    /// <summary>Runs <paramref name="work"/> on every batch and <paramref name="take"/> on each result, in input order.</summary>
    /// <param name="batches">The stream's lines.</param>
    /// <param name="sideBySide">Whether batches are worked on side by side; otherwise one after another on the calling thread.</param>
    /// <param name="work">What is done with a batch (it owns the batch, and disposes it); called from several threads at once when side by side.</param>
    /// <param name="take">What is done with a result, on the calling thread.</param>
    public static void Run<T>(Utf8LineBatches batches, bool sideBySide, Func<LineBatch, T> work, Action<T> take)
    {
        if (!sideBySide)
        {
            while (batches.Next() is { } batch)
            {
                take(work(batch));
            }
            return;
        }
        var (pending, reader) = StartReader(batches, Environment.ProcessorCount + 2, batch => Task.Run(() => work(batch)));
        foreach (var result in pending.Take())
        {
            take(result.GetAwaiter().GetResult());
        }
        // A failure to read the input surfaces here, after every batch read before it was handed over.
        reader.GetAwaiter().GetResult();
    }

    /// <summary>
    /// The stream's batches, each read on a thread of its own while the caller works on the one before: for work that must
    /// finish one batch before the next (a report adding every evaluation, in order, to one builder). The caller disposes each.
    /// </summary>
    /// <param name="batches">The stream's lines.</param>
    /// <returns>The batches, in input order; a failure to read surfaces after the last batch read before it.</returns>
    public static IEnumerable<LineBatch> ReadAhead(Utf8LineBatches batches)
    {
        var (pending, reader) = StartReader(batches, 1, batch => batch);
        foreach (var batch in pending.Take())
        {
            yield return batch;
        }
        reader.GetAwaiter().GetResult();
    }

    /// <summary>Starts the reader: it reads batches, makes each an item with <paramref name="item"/>, and queues at most <paramref name="ahead"/> of them.</summary>
    private static (Queue<TItem> Pending, Task Reader) StartReader<TItem>(Utf8LineBatches batches, int ahead, Func<LineBatch, TItem> item)
    {
        var queue = new Queue<TItem>(ahead);
        var reader = Task.Factory.StartNew(() =>
        {
            try
            {
                while (!queue.Stopped && batches.Next() is { } batch)
                {
                    if (queue.Stopped)
                    {
                        batch.Dispose();
                        break;
                    }
                    // A batch already handed to its work is the work's to dispose; one queued as it is, the reader's.
                    if (item(batch) is var made && !queue.TryAdd(made) && made is LineBatch unread)
                    {
                        unread.Dispose();
                    }
                }
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // The queue is let go once both the reader (at the end, or whenever it notices its taker gave up) and the taker are done with it.
        reader.ContinueWith(_ => queue.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return (queue, reader);
    }

    /// <summary>
    /// A bounded queue between the reader and its taker; the taker stops the reader by leaving the enumeration early. Each side
    /// disposes it when done with it; the second disposal lets its resources go.
    /// </summary>
    private sealed class Queue<TItem>(int capacity) : IDisposable
    {
        private readonly BlockingCollection<TItem> items = new(capacity);
        private readonly CancellationTokenSource stop = new();
        private int users = 2;

        public bool Stopped => stop.IsCancellationRequested;

        /// <summary>Adds an item, waiting for room; <see langword="false"/> when the taker has stopped.</summary>
        public bool TryAdd(TItem item)
        {
            try
            {
                items.Add(item, stop.Token);
                return true;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return false;
            }
        }

        public void CompleteAdding() => items.CompleteAdding();

        /// <summary>The items in order; leaving early (a failure while taking one) stops the reader without waiting for it.</summary>
        public IEnumerable<TItem> Take()
        {
            var finished = false;
            try
            {
                foreach (var item in items.GetConsumingEnumerable())
                {
                    yield return item;
                }
                finished = true;
            }
            finally
            {
                if (!finished)
                {
                    stop.Cancel();
                }
                Dispose();
            }
        }

        public void Dispose()
        {
            if (Interlocked.Decrement(ref users) == 0)
            {
                items.Dispose();
                stop.Dispose();
            }
        }
    }
}
