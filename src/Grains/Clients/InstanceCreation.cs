using Synap.Grains.Common;
using Synap.Grains.Instances;
using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;
using Synap.Grains.Interfaces.Paging;
using Synap.Grains.Interfaces.Security;

namespace Synap.Grains.Clients;

/// <summary>The rules a client applies over its instances as a whole: create validation, name uniqueness, listing.</summary>
public static class InstanceCreation
{
    public static Outcome<InstanceSeed> Validate(CreateInstanceCommand command, string clientId, IEnumerable<InstanceListing> existing, DateTimeOffset now)
    {
        if (FieldRules.Name(command.Name, out var name) is { } badName)
            return badName;
        var metadata = command.Metadata ?? new Dictionary<string, string>();
        var invalid = FieldRules.AgentType(command.AgentType)
            ?? FieldRules.Description(command.Description)
            ?? FieldRules.Metadata(metadata.ToDictionary(p => p.Key, p => (string?)p.Value));
        if (invalid is not null)
            return invalid;
        var listings = existing.ToList();
        if (command.ParentInstanceId is { } parentId)
        {
            if (!SynapIds.IsInstanceId(parentId))
                return Failure.InvalidInput("parent_instance_id", "must be an instance id (inst_ + 16 hex)");
            var parent = listings.FirstOrDefault(l => l.Summary.Id == parentId);
            if (parent is null)
                return Failure.InvalidInput("parent_instance_id", "must be an existing instance of the same client");
            if (parent.IsArchived)
                return Failure.InvalidInput("parent_instance_id", "must not be archived");
        }
        if (NameTaken(listings, name, exceptInstanceId: ""))
            return Failure.NameConflict(name);
        return new InstanceSeed(clientId, name, command.AgentType!, command.Description,
            new Dictionary<string, string>(metadata), command.ParentInstanceId, now);
    }

    public static bool NameTaken(IEnumerable<InstanceListing> listings, string name, string exceptInstanceId) =>
        listings.Any(l => !l.IsArchived && l.Summary.Id != exceptInstanceId
            && string.Equals(l.Summary.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>A page of <paramref name="listings"/>, given in any order.</summary>
    public static Outcome<Page<InstanceSummary>> List(IEnumerable<InstanceListing> listings, ListInstancesQuery query) =>
        ListOrdered(listings.Order(InstanceListingOrder.Order).ToList(), query);

    /// <summary>A page of <paramref name="ordered"/>, already in listing order (<see cref="InstanceListingOrder"/>): without a filter, a slice.</summary>
    public static Outcome<Page<InstanceSummary>> ListOrdered(IReadOnlyList<InstanceListing> ordered, ListInstancesQuery query)
    {
        if (!query.Page.IsValid)
            return Failure.InvalidInput("page_size", "page must be >= 1 and page_size 1-100");
        InstanceStatus? status = null;
        if (query.Status is not null)
        {
            if (!FieldRules.TryParseEnum<InstanceStatus>(query.Status, out var parsed))
                return Failure.InvalidInput("status", "must be provisioning, active, inactive, suspended or archived");
            status = parsed;
        }
        if (query.ParentInstanceId is not null && !SynapIds.IsInstanceId(query.ParentInstanceId))
            return Failure.InvalidInput("parent_instance_id", "must be an instance id (inst_ + 16 hex)");
        var matching = status is null && query.ParentInstanceId is null
            ? ordered
            : ordered
                .Where(l => status is null || l.Summary.Status == status)
                .Where(l => query.ParentInstanceId is null || l.ParentInstanceId == query.ParentInstanceId)
                .ToList();
        var page = Page<InstanceListing>.Slice(matching, query.Page);
        return new Page<InstanceSummary>(page.Data.Select(l => l.Summary).ToList(), page.PageNumber, page.PageSize, page.Total);
    }
}
