using System.Collections.Frozen;
using System.Reflection;
using Akka.Actor;
using Akka.Serialization;
using LoadGrid.Cluster.Protocol;
using MessagePack;
using MessagePack.Resolvers;

namespace LoadGrid.Cluster.Serialization;

/// <summary>
/// Serializes every <see cref="IWireMessage"/> with MessagePack. The manifest is the record's short type name, so
/// renaming a wire record is a protocol change (and the serializer tests list every record).
/// </summary>
public sealed class MessagePackWireSerializer : SerializerWithStringManifest
{
    /// <summary>Fixed for ever: nodes agree on it. Akka reserves 0..40.</summary>
    public const int SerializerId = 4711;

    private static readonly MessagePackSerializerOptions Options =
        MessagePackSerializerOptions.Standard.WithResolver(StandardResolverAllowPrivate.Instance)
            .WithSecurity(MessagePackSecurity.UntrustedData);

    private static readonly FrozenDictionary<string, Type> TypesByManifest = WireTypes()
        .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    public MessagePackWireSerializer(ExtendedActorSystem system) : base(system)
    {
    }

    public override int Identifier => SerializerId;

    /// <summary>Every concrete wire record in this assembly.</summary>
    public static IReadOnlyList<Type> WireTypes() => typeof(IWireMessage).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IWireMessage).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    public override string Manifest(object o) =>
        TypesByManifest.ContainsKey(o.GetType().Name)
            ? o.GetType().Name
            : throw new ArgumentException($"{o.GetType().FullName} is not a LoadGrid wire message", nameof(o));

    public override byte[] ToBinary(object obj) => MessagePackSerializer.Serialize(obj.GetType(), obj, Options);

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!TypesByManifest.TryGetValue(manifest, out var type))
            throw new System.Runtime.Serialization.SerializationException($"Unknown LoadGrid wire message manifest '{manifest}'");
        return MessagePackSerializer.Deserialize(type, bytes, Options)
               ?? throw new System.Runtime.Serialization.SerializationException($"Empty payload for '{manifest}'");
    }
}
