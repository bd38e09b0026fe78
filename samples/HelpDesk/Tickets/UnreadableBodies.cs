namespace HelpDesk.Tickets;

/// <summary>
/// A body the framework cannot bind (not JSON, the wrong type of content) is answered like every other refusal: its
/// status with a sentence in <c>error</c>, in every environment. The framework's own message names the endpoint's
/// parameters, which mean nothing to a client. It relies on <c>RouteHandlerOptions.ThrowOnBadRequest</c>.
/// </summary>
public static class UnreadableBodies
{
    /// <summary>Answers unbindable bodies with a sentence; add it before the endpoints.</summary>
    public static void AnswerUnreadableBodiesInWords(this WebApplication app) => app.Use(async (context, next) =>
    {
        string? error;
        try
        {
            await next(context);
            // The framework answers an unsupported content type itself, with an empty body.
            error = context.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType ? NotJson : null;
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.StatusCode = e.StatusCode;
            error = e is { InnerException: System.Text.Json.JsonException json }
                ? $"the body is not the JSON this request takes{(json.BytePositionInLine is { } at ? $" (at position {at + 1})" : "")}."
                : e.StatusCode switch
                {
                    StatusCodes.Status415UnsupportedMediaType => NotJson,
                    StatusCodes.Status413PayloadTooLarge => "the body is larger than this desk accepts in one request.",
                    _ => "the body is missing or cannot be read as JSON.",
                };
        }
        if (error is not null && !context.Response.HasStarted)
        {
            await context.Response.WriteAsJsonAsync(new { error });
        }
    });

    /// <summary>The sentence for a body not sent as JSON.</summary>
    internal const string NotJson = "send the body as JSON (Content-Type: application/json).";
}
