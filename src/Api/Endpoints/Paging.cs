using System.Globalization;
using Synap.Api.Errors;
using Synap.Grains.Interfaces.Paging;

namespace Synap.Api.Endpoints;

/// <summary>Reads <c>page</c> and <c>page_size</c> (API.md §1): defaults 1 and 20, out of range is a 400 naming the field.</summary>
public static class Paging
{
    public static (PageRequest? Page, ErrorResult? Error) Read(HttpRequest request)
    {
        var page = ReadInt(request, "page", 1, 1, int.MaxValue);
        if (page.Error is not null)
            return (null, page.Error);
        var size = ReadInt(request, "page_size", PageRequest.DefaultPageSize, 1, PageRequest.MaxPageSize);
        return size.Error is not null ? (null, size.Error) : (new PageRequest(page.Value, size.Value), null);
    }

    private static (int Value, ErrorResult? Error) ReadInt(HttpRequest request, string name, int fallback, int min, int max)
    {
        var raw = request.Query[name];
        if (raw.Count == 0)
            return (fallback, null);
        return raw.Count == 1 && int.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, null)
            : (0, ErrorResult.InvalidInput(name, $"must be an integer from {min} to {max}"));
    }
}
