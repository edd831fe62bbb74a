namespace GridService.Core.Domain;

/// <summary>What kind of place an account supplies: messages address a clinic or a school differently from a home.</summary>
public enum CustomerKind { Household, Shop, Clinic, School, Organisation }

/// <summary>
/// The kind of an account and how messages address it. The customer data carries a segment (resident, VIP,
/// important) but not the kind of premises, so it is read from the segment and the account's name: residents are
/// households; other accounts by the words their names carry (卫生室, 小学, 超市...), else an organisation.
/// </summary>
public static class CustomerKinds
{
    private static readonly string[] ClinicWords = ["卫生", "医院", "诊所", "医疗", "养老", "敬老", "护理", "药店", "药房"];
    private static readonly string[] SchoolWords = ["学校", "小学", "中学", "幼儿园", "学院", "大学", "校区"];
    private static readonly string[] ShopWords = ["超市", "商店", "便利店", "店", "商铺", "餐", "饭庄", "农家乐", "厂", "公司", "市场"];

    /// <summary>The kind of <paramref name="customer"/>'s premises.</summary>
    public static CustomerKind Of(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.Segment == Segment.Resident) return CustomerKind.Household;
        var name = customer.Name;
        if (ClinicWords.Any(w => name.Contains(w, StringComparison.Ordinal))) return CustomerKind.Clinic;
        if (SchoolWords.Any(w => name.Contains(w, StringComparison.Ordinal))) return CustomerKind.School;
        if (ShopWords.Any(w => name.Contains(w, StringComparison.Ordinal))) return CustomerKind.Shop;
        return CustomerKind.Organisation;
    }

    /// <summary>The template name of a kind: household, shop, clinic, school, organisation.</summary>
    public static string Name(CustomerKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>How a message names the premises: 您家, 您的店, 贵单位, 贵校.</summary>
    public static string Premises(CustomerKind kind) => kind switch
    {
        CustomerKind.Household => "您家",
        CustomerKind.Shop => "您的店",
        CustomerKind.School => "贵校",
        _ => "贵单位",
    };
}
