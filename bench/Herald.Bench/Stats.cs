namespace Herald.Bench;

internal static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile([.. values], 50);

    public static double Percentile(List<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        var rank = percentile / 100 * (values.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return values[low] + ((values[high] - values[low]) * (rank - low));
    }
}
