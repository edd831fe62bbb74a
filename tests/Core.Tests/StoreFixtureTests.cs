namespace GridService.Core.Tests;

public sealed class StoreFixtureTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task DisposeAsync_KeysWritten_DeletesOnlyThatPrefix()
    {
        var mine = fixture.CreateStore();
        await using var other = fixture.CreateStore();
        await mine.Store.Db.StringSetAsync(mine.Store.Keys.SeededMarker, "x");
        await mine.Store.Db.HashSetAsync(mine.Store.Keys.Customers, "3101000001", "{}");
        await other.Store.Db.StringSetAsync(other.Store.Keys.SeededMarker, "y");

        Assert.Equal(2, (await mine.KeysAsync()).Count);
        await mine.DisposeAsync();

        Assert.Empty(await mine.KeysAsync());
        Assert.Equal([other.Store.Keys.SeededMarker], await other.KeysAsync());
        Assert.Matches("^t-[0-9a-f]{8}$", mine.Prefix);
    }
}
