using GridService.Bot.StaffConsole.Data;
using GridService.Bot.WorkOrders;

namespace GridService.Bot.StaffConsole.Pages;

/// <summary>Work orders of the user's areas, filtered by status, area, type, overdue, urgent and text.</summary>
public sealed class OrdersModel(OrderQueries orders) : ConsolePage
{
    /// <summary>The filter from the query string.</summary>
    public OrderFilter Filter { get; private set; } = new(null, null, null, false, false, null, 0);

    /// <summary>This page's orders.</summary>
    public IReadOnlyList<WorkOrder> Orders { get; private set; } = [];

    /// <summary>True when another page follows.</summary>
    public bool More { get; private set; }

    /// <summary>Now, for the view.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>Lists.</summary>
    public async Task OnGetAsync(string? status, string? area, string? type, bool overdue, bool urgent, string? q, int page = 0)
    {
        At = Now;
        Filter = new OrderFilter(status, area, type, overdue, urgent, q, Math.Max(0, page));
        (Orders, More) = await orders.ListAsync(Scope, Filter);
    }

    /// <summary>The query string of another page with the same filter.</summary>
    public string PageLink(int page) =>
        $"?status={Filter.Status}&area={Filter.Area}&type={Filter.Type}&overdue={Filter.Overdue}&urgent={Filter.Urgent}&q={Uri.EscapeDataString(Filter.Query ?? "")}&page={page}";
}
