using Synap.Grains.Common;
using Synap.Grains.Interfaces.Memories;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Grains.Memories;

/// <summary>The rules of a memory (API.md §1, §11; bounds in <see cref="MemoryRules"/>), checked in the store so trusted Orleans callers meet them too.</summary>
public static class MemoryValidation
{
    /// <summary>The parsed scope of a valid command, or the first failure.</summary>
    public static Failure? Check(AddMemoryCommand command, out MemoryScope scope)
    {
        scope = default;
        if (command.Content is not { } content)
            return Failure.InvalidInput("content", "is required");
        if (content.Trim().Length == 0)
            return Failure.InvalidInput("content", "must not be blank");
        if (content.Length > MemoryRules.MaxContentLength)
            return Failure.InvalidInput("content", $"must be at most {MemoryRules.MaxContentLength} characters");
        // Free text: line breaks and tabs are content; a NUL or other C0 control is refused, as PostgreSQL refuses NUL in text.
        if (TextRules.ForbiddenInText(content) is { } bad)
            return Failure.InvalidInput("content", $"must not contain control characters other than tab and line breaks ({bad})");
        if (ParseScope(command.Scope, required: true, out var parsed) is { } badScope)
            return badScope;
        scope = parsed!.Value;
        if (command.ScopeId is { } scopeId)
        {
            if (scopeId.Length is 0 or > MemoryRules.MaxScopeIdLength)
                return Failure.InvalidInput("scope_id", $"must be 1-{MemoryRules.MaxScopeIdLength} characters");
            if (TextRules.ForbiddenInName(scopeId) is { } badId)
                return Failure.InvalidInput("scope_id", $"must not contain control, zero-width or bidirectional formatting characters ({badId})");
        }
        return FieldRules.Metadata(command.Metadata?.ToDictionary(p => p.Key, p => (string?)p.Value));
    }

    /// <summary>A listing's filters: a scope of the enum, and a <c>q</c> of 1-200 characters of free text (empty means none).</summary>
    public static Failure? Check(ListMemoriesQuery query, out MemoryFilter filter)
    {
        filter = new MemoryFilter(null, null);
        if (query.Page is null || !query.Page.IsValid)
            return Failure.InvalidInput("page", $"page must be at least 1 and page_size 1-{Interfaces.Paging.PageRequest.MaxPageSize}");
        if (ParseScope(query.Scope, required: false, out var scope) is { } badScope)
            return badScope;
        var q = string.IsNullOrEmpty(query.Q) ? null : query.Q;
        if (q is not null)
        {
            if (q.Length > MemoryRules.MaxQueryLength)
                return Failure.InvalidInput("q", $"must be at most {MemoryRules.MaxQueryLength} characters");
            if (TextRules.ForbiddenInText(q) is { } bad)
                return Failure.InvalidInput("q", $"must not contain control characters other than tab and line breaks ({bad})");
        }
        filter = new MemoryFilter(scope, q);
        return null;
    }

    private static Failure? ParseScope(string? value, bool required, out MemoryScope? scope)
    {
        scope = null;
        if (value is null)
            return required ? Failure.InvalidInput("scope", "is required") : null;
        if (!FieldRules.TryParseEnum<MemoryScope>(value, out var parsed))
            return Failure.InvalidInput("scope", "must be one of user, customer, client, world");
        scope = parsed;
        return null;
    }
}
