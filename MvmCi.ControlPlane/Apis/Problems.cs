using Microsoft.AspNetCore.Http.HttpResults;

namespace MvmCi.ControlPlane.Apis;

/// <summary>RFC 7807 answers with a message a person can act on.</summary>
public static class Problems
{
    public static ProblemHttpResult JobNotFound(string id) =>
        Of(StatusCodes.Status404NotFound, "Job not found", $"No job has the id '{id}'.");

    public static ProblemHttpResult Of(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
