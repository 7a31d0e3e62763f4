using Synap.Grains.Common;
using Synap.Grains.Interfaces.Clients;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Grains.Clients;

/// <summary>
/// The client status machine of API.md §4: <c>active ⇄ inactive</c>, <c>active|inactive → soft_deleted</c>,
/// <c>soft_deleted → active</c> (restore). Every status change is the admin's.
/// </summary>
public static class ClientLifecycle
{
    public static bool IsAllowed(ClientStatus from, ClientStatus to) => (from, to) switch
    {
        _ when from == to => true,
        (ClientStatus.Active, ClientStatus.Inactive) => true,
        (ClientStatus.Inactive, ClientStatus.Active) => true,
        (ClientStatus.Active or ClientStatus.Inactive, ClientStatus.SoftDeleted) => true,
        (ClientStatus.SoftDeleted, ClientStatus.Active) => true,
        _ => false,
    };

    public static Failure? Check(ClientStatus from, ClientStatus to) =>
        IsAllowed(from, to) ? null : Failure.InvalidTransition(FieldRules.ToSnakeCase(from), FieldRules.ToSnakeCase(to));
}
