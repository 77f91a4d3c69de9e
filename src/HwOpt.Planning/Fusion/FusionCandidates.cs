namespace HwOpt.Planning.Fusion;

/// <summary>
/// Candidate groups, Korch-style: every connected, convex, legal group of at most K kernel ops of one piece.
/// Algorithm: for each seed op s (ascending index), grow sets level by level (size 1, 2, ..., K) by adding a node
/// &gt; s joined to a member by a legal fusible edge (either direction), so each connected set is reached only from
/// its smallest member; duplicates are removed per level and each level is sorted lexicographically (determinism).
/// Sets that break a monotone rule (two contractions, an illegal internal edge) are dropped, since no superset can
/// repair them; non-convex sets keep growing (adding the nodes on the escaping path can make them convex) but are not
/// emitted. Per seed at most <see cref="FusionOptions.MaxCandidatesPerSeed"/> groups are emitted and at most four
/// times that many sets examined, so the count is O(kernel ops · cap). Singletons are always emitted, so "no fusion"
/// stays feasible. With caps that do not bind the enumeration is complete: every legal group is a candidate.
/// </summary>
internal static class FusionCandidates
{
    /// <summary>Candidate groups (sorted node lists) of the kernel ops whose piece is <paramref name="piece"/>.</summary>
    /// <param name="legality">Legality of the graph.</param>
    /// <param name="pieceOf">Piece of each node (-1 for nodes not planned).</param>
    /// <param name="piece">Piece to enumerate.</param>
    /// <param name="options">Size and count limits.</param>
    /// <param name="truncatedSeeds">Receives seeds whose enumeration hit a cap.</param>
    /// <returns>Groups sorted by (size, nodes).</returns>
    public static List<int[]> Enumerate(FusionLegality legality, int[] pieceOf, int piece, FusionOptions options, List<int>? truncatedSeeds = null)
    {
        var graph = legality.Plan.Graph;
        var result = new List<int[]>();
        int examineCap = checked(options.MaxCandidatesPerSeed * 4);
        for (int seed = 0; seed < pieceOf.Length; seed++)
        {
            if (pieceOf[seed] != piece) continue;
            result.Add([seed]);
            if (!legality.CanPlan(seed).Accepted) continue;
            int emitted = 1, examined = 0;
            bool truncated = false;
            var level = new List<int[]> { new[] { seed } };
            for (int size = 2; size <= options.MaxGroupSize && level.Count > 0 && !truncated; size++)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var next = new List<int[]>();
                foreach (var set in level)
                {
                    foreach (int member in set)
                    {
                        foreach (int n in graph.Successors(member)) Extend(set, n, member, producerIsMember: true);
                        foreach (int n in graph.Predecessors(member)) Extend(set, n, member, producerIsMember: false);
                    }
                }
                next.Sort(CompareSets);
                level = [];
                foreach (var set in next)
                {
                    if (++examined > examineCap || emitted >= options.MaxCandidatesPerSeed) { truncated = true; break; }
                    if (legality.Monotone(set) is not null) continue;
                    level.Add(set);
                    if (legality.IsConvex(set)) { result.Add(set); emitted++; }
                }

                void Extend(int[] set, int n, int member, bool producerIsMember)
                {
                    if (n <= seed || pieceOf[n] != piece || Array.BinarySearch(set, n) >= 0) return;
                    var edge = producerIsMember ? legality.CanFuse(member, n) : legality.CanFuse(n, member);
                    if (!edge.Accepted) return;
                    var grown = new int[set.Length + 1];
                    int k = 0;
                    bool placed = false;
                    foreach (int x in set)
                    {
                        if (!placed && n < x) { grown[k++] = n; placed = true; }
                        grown[k++] = x;
                    }
                    if (!placed) grown[k] = n;
                    if (seen.Add(string.Join(',', grown))) next.Add(grown);
                }
            }
            if (truncated) truncatedSeeds?.Add(seed);
        }
        result.Sort(CompareSets);
        return result;
    }

    /// <summary>Orders sets by size, then lexicographically.</summary>
    public static int CompareSets(int[] a, int[] b)
    {
        if (a.Length != b.Length) return a.Length.CompareTo(b.Length);
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i]) return a[i].CompareTo(b[i]);
        }
        return 0;
    }
}
