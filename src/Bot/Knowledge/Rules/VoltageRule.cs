using System.Text.RegularExpressions;

namespace GridService.Bot.Knowledge.Rules;

/// <summary>Low or unstable voltage needs a measurement on site: always a repair order.</summary>
internal static partial class VoltageRule
{
    public static bool Match(string t) =>
        (Voltage().IsMatch(t) || (Flicker().IsMatch(t) && !MeterLight().IsMatch(t))) && !Damage().IsMatch(t) && !Capacity().IsMatch(t);

    // "电不够用，想增加容量" asks for business.capacity-increase, not a measurement.
    [GeneratedRegex("容量|增容|扩容|三相|加大功率|增加功率")]
    private static partial Regex Capacity();

    // "电压不稳烧了冰箱，找谁赔" is a damage claim (repair.appliance-damage), answered with how to claim.
    [GeneratedRegex("烧坏|烧了|坏了|损坏|赔|索赔")]
    private static partial Regex Damage();

    [GeneratedRegex("电压[^,，。 ]{0,3}(低|不稳|不够|高|忽高忽低|时高时低|偏低|偏高|不正常|太小|不足|波动|上不去)|电力不足|电不够用|电太弱|电很弱|电弱|电不足|带不动|带不起来|带不起|电压只有|煮不熟|烧不开|电压(才|只|就)")]
    private static partial Regex Voltage();

    [GeneratedRegex("(灯|灯泡|灯光|日光灯|电灯)[^,，。 ]{0,4}(忽明忽暗|一闪一闪|闪个不停|一直闪|老闪|闪烁|发暗|很暗|暗暗的|暗得|特别暗|一会亮一会暗|变暗|闪闪的|暗了|都是暗的|好暗|昏暗|频闪)")]
    private static partial Regex Flicker();

    // Lights on the meter are meter.indicator-lights, not voltage.
    [GeneratedRegex("电表|表上|指示灯|表的灯|报警灯|表箱")]
    private static partial Regex MeterLight();
}
