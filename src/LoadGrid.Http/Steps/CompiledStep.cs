namespace LoadGrid.Http.Steps;

/// <summary>A flow step prepared for the hot path: everything that does not depend on a VU is computed once.</summary>
internal abstract class CompiledStep;

/// <summary><c>- think: 1s</c> or <c>- think: 500ms..2s</c>.</summary>
internal sealed class CompiledThink(TimeSpan min, TimeSpan max) : CompiledStep
{
    public TimeSpan NextDuration() =>
        max <= min ? min : min + (max - min) * Random.Shared.NextDouble();
}
