using HumanEval.Data.Workflow;

namespace HumanEval.Web.Hosting;

/// <summary>Returns abandoned reservations to the pool every minute (claims also sweep their campaign first).</summary>
internal sealed class ReservationSweeper(Reservations reservations, ILogger<ReservationSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var expired = await reservations.ExpireAsync(null, stoppingToken);
                if (expired > 0)
                {
                    logger.LogInformation("Returned {Count} expired reservations to the pool", expired);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reservation sweep failed; retrying in a minute");
            }
        }
    }
}
