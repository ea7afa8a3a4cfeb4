using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoadGrid.DemoTarget;

/// <summary>
/// Counts requests in total and per endpoint. Counted when the request arrives, so a client that has its response
/// always sees it counted. Keyed by the endpoint object so counting allocates nothing after an endpoint's first hit.
/// </summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentDictionary<Endpoint, StrongBox<long>> _byEndpoint = new();
    private long _total;
    private long _unmatched;

    public long Total => Interlocked.Read(ref _total);

    public void Count(Endpoint? endpoint)
    {
        Interlocked.Increment(ref _total);
        if (endpoint is null)
        {
            Interlocked.Increment(ref _unmatched);
            return;
        }
        Interlocked.Increment(ref _byEndpoint.GetOrAdd(endpoint, static _ => new StrongBox<long>()).Value);
    }

    /// <summary>Counts by "METHOD /route/{pattern}", plus "unmatched" for paths no endpoint serves.</summary>
    public SortedDictionary<string, long> ByEndpoint()
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (endpoint, count) in _byEndpoint)
            counts[Describe(endpoint)] = Interlocked.Read(ref count.Value);
        var unmatched = Interlocked.Read(ref _unmatched);
        if (unmatched > 0) counts["unmatched"] = unmatched;
        return counts;
    }

    private static string Describe(Endpoint endpoint)
    {
        var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "ANY";
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? endpoint.DisplayName ?? "?";
        return $"{method} {route}";
    }
}
