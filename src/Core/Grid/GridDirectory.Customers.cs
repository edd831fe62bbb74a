using System.Runtime.CompilerServices;
using GridService.Core.Domain;
using StackExchange.Redis;

namespace GridService.Core.Grid;

public sealed partial class GridDirectory
{
    /// <summary>
    /// Adds or replaces a customer, keeping the area and group sets and the chat binding in step: a customer who
    /// moves group leaves the old group's set, one who unbinds frees the chat id.
    /// </summary>
    /// <exception cref="InvalidOperationException">The chat user id is bound to another account.</exception>
    public Task SaveCustomerAsync(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentException.ThrowIfNullOrWhiteSpace(customer.AccountNo, nameof(customer));
        var account = customer.AccountNo;
        return SaveIndexedAsync(Keys.Customers, account, customer, GridJson.Default.Customer, async (previous, tx) =>
        {
            if (previous?.AreaId is { } oldArea && oldArea != customer.AreaId) _ = tx.SetRemoveAsync(Keys.AreaCustomers(oldArea), account);
            _ = tx.SetAddAsync(Keys.AreaCustomers(customer.AreaId), account);

            if (previous?.GroupId is { } oldGroup && oldGroup != customer.GroupId) _ = tx.SetRemoveAsync(Keys.GroupCustomers(oldGroup), account);
            if (customer.GroupId is { } group) _ = tx.SetAddAsync(Keys.GroupCustomers(group), account);

            if (previous?.ChatUserId is { } oldChat && oldChat != customer.ChatUserId
                && await Db.HashGetAsync(Keys.ChatBindings, oldChat) == account)
            {
                _ = tx.HashDeleteAsync(Keys.ChatBindings, oldChat);
            }

            if (customer.ChatUserId is { } chat)
            {
                var bound = await Db.HashGetAsync(Keys.ChatBindings, chat);
                if (!bound.IsNull && bound != account)
                {
                    throw new InvalidOperationException($"Chat user {chat} is already bound to another account; unbind it there first.");
                }

                // Guards against another account binding the same chat id between this read and the commit.
                tx.AddCondition(bound.IsNull
                    ? Condition.HashNotExists(Keys.ChatBindings, chat)
                    : Condition.HashEqual(Keys.ChatBindings, chat, account));
                _ = tx.HashSetAsync(Keys.ChatBindings, chat, account);
            }
        });
    }

    /// <summary>The customer with this account number, or null.</summary>
    public Task<Customer?> GetCustomerAsync(string accountNo) => GetAsync(Keys.Customers, accountNo, GridJson.Default.Customer);

    /// <summary>Many customers in one round trip, in the order asked (null where there is none).</summary>
    public async Task<Customer?[]> GetCustomersAsync(IReadOnlyList<string> accountNos)
    {
        ArgumentNullException.ThrowIfNull(accountNos);
        if (accountNos.Count == 0) return [];
        var values = await Db.HashGetAsync(Keys.Customers, [.. accountNos.Select(a => (RedisValue)a)]);
        return [.. values.Select(v => v.IsNull ? null : Deserialize(v, GridJson.Default.Customer))];
    }

    /// <summary>The customer bound to a chat user id, or null for strangers.</summary>
    public async Task<Customer?> CustomerByChatUserAsync(string chatUserId)
    {
        var account = await Db.HashGetAsync(Keys.ChatBindings, chatUserId);
        return account.IsNull ? null : await GetCustomerAsync(account!);
    }

    /// <summary>The customers in a group, by account number.</summary>
    public Task<IReadOnlyList<Customer>> CustomersOfGroupAsync(string groupId) => CustomersInSetAsync(Keys.GroupCustomers(groupId));

    /// <summary>The customers of an area, by account number.</summary>
    public Task<IReadOnlyList<Customer>> CustomersOfAreaAsync(string areaId) => CustomersInSetAsync(Keys.AreaCustomers(areaId));

    /// <summary>Every customer, streamed in no particular order (a county can have hundreds of thousands).</summary>
    public async IAsyncEnumerable<Customer> CustomersAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entry in Db.HashScanAsync(Keys.Customers, pageSize: 500).WithCancellation(cancellationToken))
        {
            yield return Deserialize(entry.Value, GridJson.Default.Customer);
        }
    }

    private async Task<IReadOnlyList<Customer>> CustomersInSetAsync(string setKey)
    {
        var accounts = await Db.SetMembersAsync(setKey);
        var customers = await GetManyAsync(Keys.Customers, accounts, GridJson.Default.Customer);
        return [.. customers.OrderBy(c => c.AccountNo, StringComparer.Ordinal)];
    }
}
