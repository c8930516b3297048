namespace Yiyang.Platform.Web;

public static class ProblemResponses
{
    /// <summary>Declares the RFC 9457 problem responses an endpoint may give, e.g. <c>.ProducesProblems(400, 404, 409)</c>.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses) builder.ProducesProblem(status);
        return builder;
    }
}
