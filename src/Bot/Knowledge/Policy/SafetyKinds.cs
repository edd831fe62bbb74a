namespace GridService.Bot.Knowledge.Policy;

/// <summary>
/// The hazard kinds a safety decision names after <c>safety:</c> in <see cref="Decision.Reason"/>, with a short
/// Chinese description for work orders. The first seven are the rules engine's; the learned engine adds the weak
/// signals it hears.
/// </summary>
public static class SafetyKinds
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["fire-smoke-smell"] = "冒烟、起火或焦糊味",
        ["fallen-line"] = "电线断落",
        ["leaning-pole"] = "电杆倾斜或被撞",
        ["exposed-live"] = "带电部位裸露或漏电",
        ["shock"] = "有人触电",
        ["water-in-equipment"] = "电气设备进水",
        ["explosion"] = "设备爆响",
        ["arcing"] = "电线或设备放电、打火",
        ["object-on-line"] = "树木或异物搭挂线路",
        ["transformer"] = "变压器异响、漏油或冒烟",
        ["low-or-exposed-wire"] = "电线过低或裸露",
        ["children-near-equipment"] = "儿童靠近带电设备",
        ["pinyin"] = "险情（拼音报告，请电话核实）",
        ["reported-hazard"] = "群内报告的险情（待现场核实）",
    };

    /// <summary>Every kind with its description.</summary>
    public static IReadOnlyDictionary<string, string> All => Names;

    /// <summary>The description of <paramref name="kind"/>, or the kind itself when unknown.</summary>
    public static string Describe(string kind) => Names.GetValueOrDefault(kind, kind);
}
