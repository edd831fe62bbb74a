using GridService.Core.Grid;
namespace GridService.Core.Tests;

public sealed class StoreFixtureTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task DisposeAsync_KeysWritten_DeletesOnlyThatPrefix()
    {
        var mine = fixture.CreateStore();
        await using var other = fixture.CreateStore();
        await mine.Store.Db.StringSetAsync(GridKeys.Of(mine.Store).SeededMarker, "x");
        await mine.Store.Db.HashSetAsync(GridKeys.Of(mine.Store).Customers, "3101000001", "{}");
        await other.Store.Db.StringSetAsync(GridKeys.Of(other.Store).SeededMarker, "y");

        Assert.Equal(2, (await mine.KeysAsync()).Count);
        await mine.DisposeAsync();

        Assert.Empty(await mine.KeysAsync());
        Assert.Equal([GridKeys.Of(other.Store).SeededMarker], await other.KeysAsync());
        Assert.Matches("^t-[0-9a-f]{8}$", mine.Prefix);
    }
}
