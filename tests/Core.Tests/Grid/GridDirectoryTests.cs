using GridService.Core.Domain;
using GridService.Core.Grid;

namespace GridService.Core.Tests.Grid;

public sealed class GridDirectoryTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static Customer NewCustomer(string account, string area = "A01", string? group = "grp-a01", string? chat = null) =>
        new(account, "王秀英", "13800000001", "幸福里小区1号楼101", area, group, chat, "10kV城关线", "幸福里1号台区",
            Segment.Resident, CreditRating.A, "wecom");

    [Fact]
    public async Task IsEmpty_NewStoreThenSeeded_TrueThenFalse()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);

        Assert.True(await directory.IsEmptyAsync());
        await directory.MarkSeededAsync("samples");

        Assert.False(await directory.IsEmptyAsync());
        Assert.Equal("samples", await directory.SeededFromAsync());
    }

    [Fact]
    public async Task IsEmpty_AreasSavedWithoutMarker_False()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);

        await directory.SaveAreaAsync(new Area("A01", "幸福里社区", AreaKind.Urban, "Asia/Shanghai", "m1", "s1"));

        Assert.False(await directory.IsEmptyAsync());
        Assert.Null(await directory.SeededFromAsync());
    }

    [Fact]
    public async Task SaveAndGet_ReferenceData_RoundTrips()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);
        var area = new Area("A02", "柳林村", AreaKind.Rural, "Asia/Shanghai", "liuchunmei", "sunlihong");
        var staff = new Staff("liuchunmei", "刘春梅", "13900000002", StaffRole.Manager, "工作日 8:30-17:30");
        var group = new ChatGroup("grp-liulin", "A02", "柳林村用电服务群", "小电", ["liuchunmei", "chenxiaoyu"], "simulator");
        var customer = NewCustomer("3102000001", "A02", "grp-liulin", "u-ll-001") with { Segment = Segment.Vip, Credit = CreditRating.C };

        await directory.SaveAreaAsync(area);
        await directory.SaveStaffAsync(staff);
        await directory.SaveGroupAsync(group);
        await directory.SaveCustomerAsync(customer);

        Assert.Equal(area, await directory.GetAreaAsync("A02"));
        Assert.Equal(staff, await directory.GetStaffAsync("liuchunmei"));
        Assert.Equivalent(group, await directory.GetGroupAsync("grp-liulin"), strict: true);
        Assert.Equal(customer, await directory.GetCustomerAsync("3102000001"));
        Assert.Null(await directory.GetAreaAsync("A99"));
        Assert.Equal([area], await directory.ListAreasAsync());
        Assert.Equal([staff], await directory.ListStaffAsync());
        Assert.Equal(["grp-liulin"], (await directory.ListGroupsAsync()).Select(g => g.Id));
    }

    [Fact]
    public async Task SaveCustomer_StoredJson_IsCamelCaseWithEnumNames()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);

        await directory.SaveCustomerAsync(NewCustomer("3101000001", group: null) with { Segment = Segment.Important });

        string json = (await test.Store.Db.HashGetAsync(GridKeys.Of(test.Store).Customers, "3101000001"))!;
        Assert.Contains("\"accountNo\":\"3101000001\"", json, StringComparison.Ordinal);
        Assert.Contains("\"segment\":\"Important\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("groupId", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveCustomer_MovesGroupAreaAndChatId_IndexesFollow()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);
        await directory.SaveCustomerAsync(NewCustomer("3101000001", "A01", "grp-a01", "u-1"));
        await directory.SaveCustomerAsync(NewCustomer("3101000002", "A01", "grp-a01", "u-2"));

        await directory.SaveCustomerAsync(NewCustomer("3101000001", "A02", "grp-a02", "u-1b"));

        Assert.Equal(["3101000002"], (await directory.CustomersOfGroupAsync("grp-a01")).Select(c => c.AccountNo));
        Assert.Equal(["3101000001"], (await directory.CustomersOfGroupAsync("grp-a02")).Select(c => c.AccountNo));
        Assert.Equal(["3101000002"], (await directory.CustomersOfAreaAsync("A01")).Select(c => c.AccountNo));
        Assert.Equal(["3101000001"], (await directory.CustomersOfAreaAsync("A02")).Select(c => c.AccountNo));
        Assert.Null(await directory.CustomerByChatUserAsync("u-1"));
        Assert.Equal("3101000001", (await directory.CustomerByChatUserAsync("u-1b"))?.AccountNo);
        Assert.Equal("3101000002", (await directory.CustomerByChatUserAsync("u-2"))?.AccountNo);
    }

    [Fact]
    public async Task SaveCustomer_LeavesGroupAndUnbinds_RemovedFromIndexes()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);
        await directory.SaveCustomerAsync(NewCustomer("3101000001", chat: "u-1"));

        await directory.SaveCustomerAsync(NewCustomer("3101000001", group: null, chat: null));

        Assert.Empty(await directory.CustomersOfGroupAsync("grp-a01"));
        Assert.Null(await directory.CustomerByChatUserAsync("u-1"));
        Assert.Single(await directory.CustomersOfAreaAsync("A01"));
    }

    [Fact]
    public async Task SaveCustomer_ChatIdBoundToAnotherAccount_ThrowsAndWritesNothing()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);
        await directory.SaveCustomerAsync(NewCustomer("3101000001", chat: "u-1"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => directory.SaveCustomerAsync(NewCustomer("3101000002", chat: "u-1")));

        Assert.Null(await directory.GetCustomerAsync("3101000002"));
        Assert.Equal("3101000001", (await directory.CustomerByChatUserAsync("u-1"))?.AccountNo);
        Assert.Single(await directory.CustomersOfGroupAsync("grp-a01"));
    }

    [Fact]
    public async Task SaveCustomer_ConcurrentSavesOfOneCustomer_IndexesMatchTheWinner()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);
        await directory.SaveCustomerAsync(NewCustomer("3101000001"));

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => directory.SaveCustomerAsync(NewCustomer("3101000001", group: $"grp-{i}"))));

        var saved = await directory.GetCustomerAsync("3101000001");
        for (var i = 0; i < 5; i++)
        {
            var members = await directory.CustomersOfGroupAsync($"grp-{i}");
            Assert.Equal(saved!.GroupId == $"grp-{i}" ? 1 : 0, members.Count);
        }

        Assert.Empty(await directory.CustomersOfGroupAsync("grp-a01"));
    }

    [Fact]
    public async Task SaveGroup_MovesArea_GroupsOfAreaFollow()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);
        await directory.SaveGroupAsync(new ChatGroup("grp-1", "A01", "一群", "小电", ["m1"], "simulator"));
        await directory.SaveGroupAsync(new ChatGroup("grp-2", "A01", "二群", "小电", ["m1"], "simulator"));

        await directory.SaveGroupAsync(new ChatGroup("grp-1", "A02", "一群", "小电", ["m2"], "simulator"));

        Assert.Equal(["grp-2"], (await directory.GroupsOfAreaAsync("A01")).Select(g => g.Id));
        Assert.Equal(["grp-1"], (await directory.GroupsOfAreaAsync("A02")).Select(g => g.Id));
        Assert.Empty(await directory.GroupsOfAreaAsync("A03"));
    }

    [Fact]
    public async Task CustomersAsync_ManyCustomers_StreamsEveryOne()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);
        for (var i = 0; i < 1_200; i++) await directory.SaveCustomerAsync(NewCustomer($"31010{i:D5}", chat: $"u-{i}"));

        var accounts = new HashSet<string>();
        await foreach (var customer in directory.CustomersAsync()) accounts.Add(customer.AccountNo);

        Assert.Equal(1_200, accounts.Count);
    }
}
