using System.Collections.Frozen;

namespace GridService.Bot.Knowledge.Retrieval;

/// <summary>N-gram → term id, with document frequencies; frozen after the index is built.</summary>
internal sealed class Vocabulary
{
    private readonly Dictionary<ulong, int> _building = [];
    private FrozenDictionary<ulong, int>? _frozen;

    public int Count => _building.Count;

    public int GetOrAdd(ulong key)
    {
        if (!_building.TryGetValue(key, out int id))
        {
            id = _building.Count;
            _building.Add(key, id);
        }

        return id;
    }

    public void Freeze() => _frozen = _building.ToFrozenDictionary();

    public bool TryGet(ulong key, out int id) => _frozen!.TryGetValue(key, out id);

    public IEnumerable<KeyValuePair<ulong, int>> Terms => _building;
}
