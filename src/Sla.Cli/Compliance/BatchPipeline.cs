using System.Collections.Concurrent;

namespace Sla.Cli.Compliance;

/// <summary>
/// Reads a stream's lines batch by batch, works on each batch, and hands the results over in input order. Side by side,
/// the reader runs on a thread of its own, a few more batches than cores are worked on at once (each batch on one
/// thread, in order), and the results are handed over on the calling thread; a stream of any length takes the memory of
/// those few batches.
/// </summary>
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
        using var inFlight = new BlockingCollection<Task<T>>(boundedCapacity: Environment.ProcessorCount + 2);
        using var stop = new CancellationTokenSource();
        // The reader waits whenever enough batches are in flight; on a pool thread, that wait would leave one core fewer to work.
        var reader = Task.Factory.StartNew(() =>
        {
            try
            {
                while (!stop.IsCancellationRequested && batches.Next() is { } batch)
                {
                    inFlight.Add(Task.Run(() => work(batch)), stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Taking a result failed: the reader stops, and that failure is what the caller sees.
            }
            finally
            {
                inFlight.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var pending in inFlight.GetConsumingEnumerable())
            {
                take(pending.GetAwaiter().GetResult());
            }
        }
        catch
        {
            stop.Cancel();
            reader.Wait(CancellationToken.None);
            throw;
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
        using var ahead = new BlockingCollection<LineBatch>(boundedCapacity: 1);
        using var stop = new CancellationTokenSource();
        var reader = Task.Factory.StartNew(() =>
        {
            try
            {
                while (!stop.IsCancellationRequested && batches.Next() is { } batch)
                {
                    ahead.Add(batch, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The caller stopped taking batches.
            }
            finally
            {
                ahead.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var batch in ahead.GetConsumingEnumerable())
            {
                yield return batch;
            }
        }
        finally
        {
            if (!ahead.IsCompleted)
            {
                // The caller stopped early (its own failure, which is what it sees): the reader stops too, whatever became of it.
                stop.Cancel();
                try
                {
                    reader.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                }
            }
        }
        reader.GetAwaiter().GetResult();
    }
}
