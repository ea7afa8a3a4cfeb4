namespace LoadGrid.DemoTarget.Shop;

internal sealed record Product(int Id, string Name, decimal Price);

/// <summary>The shop's fixed catalogue: a dozen products, ids 1..12.</summary>
internal static class Catalogue
{
    public static readonly IReadOnlyList<Product> Products =
    [
        new(1, "Espresso beans, 1 kg", 24.90m),
        new(2, "Pour-over kettle", 49.00m),
        new(3, "Ceramic dripper", 19.50m),
        new(4, "Paper filters (100)", 4.95m),
        new(5, "Burr grinder", 129.00m),
        new(6, "Milk frothing jug", 15.75m),
        new(7, "Double-wall glass cup", 12.00m),
        new(8, "Digital scale", 29.99m),
        new(9, "Cold brew bottle", 22.40m),
        new(10, "Tamper, 58 mm", 34.00m),
        new(11, "Descaling tablets", 9.90m),
        new(12, "Barista apron", 27.50m),
    ];

    private static readonly Dictionary<int, Product> ById = Products.ToDictionary(p => p.Id);

    public static Product? Find(int id) => ById.GetValueOrDefault(id);
}
