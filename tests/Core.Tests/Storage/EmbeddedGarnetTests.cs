using System.Net;
using System.Net.Sockets;
using GridService.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace GridService.Core.Tests.Storage;

public sealed class EmbeddedGarnetTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"gridservice-garnet-{Guid.NewGuid():N}");
    private readonly TcpListener _squatter = new(IPAddress.Loopback, 0);

    public EmbeddedGarnetTests() => _squatter.Start();

    private int TakenPort => ((IPEndPoint)_squatter.LocalEndpoint).Port;

    // What a second process binding the chosen port between the choice and Garnet's bind looks like to the store.
    [Fact]
    public async Task Start_ChosenPortTakenBeforeTheBind_ChoosesAnotherAndServes()
    {
        var choices = new Queue<int>([TakenPort, TakenPort]);
        using var garnet = EmbeddedGarnet.Start(_folder, port: 0, NullLogger.Instance, time: null,
            choosePort: () => choices.TryDequeue(out var taken) ? taken : HostProcess.FreePort());
        await using var redis = await ConnectionMultiplexer.ConnectAsync(garnet.ConnectionString);
        await redis.GetDatabase().StringSetAsync("k", "v");

        Assert.NotEqual(TakenPort, garnet.Port);
        Assert.Empty(choices);
        Assert.Equal("v", (string?)await redis.GetDatabase().StringGetAsync("k"));
    }

    [Fact]
    public void Start_AskedForPortTaken_RefusedNamingThePortAndTheFolderIsFreeAgain()
    {
        var e = Assert.ThrowsAny<Exception>(() => EmbeddedGarnet.Start(_folder, TakenPort, NullLogger.Instance));

        Assert.Contains($"{TakenPort}", e.Message, StringComparison.Ordinal);
        using var garnet = EmbeddedGarnet.Start(_folder, port: 0, NullLogger.Instance); // the folder lock was let go
        Assert.NotEqual(TakenPort, garnet.Port);
    }

    [Fact]
    public void Start_ChosenPortTakenThreeTimes_GivesUpNamingThePort()
    {
        var e = Assert.ThrowsAny<Exception>(() =>
            EmbeddedGarnet.Start(_folder, port: 0, NullLogger.Instance, time: null, choosePort: () => TakenPort));

        Assert.Contains($"{TakenPort}", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _squatter.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
