namespace HwOpt.Planning.Cbc;

/// <summary>The COIN-OR CBC 2.10 backend of <see cref="HwOpt.Planning.Milp.IMilpSolver"/>: the project's only native solver code.</summary>
internal static class AssemblyDoc;
