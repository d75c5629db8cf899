using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HumanEval.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class RatingVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EditReason",
                table: "Ratings",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EditedAt",
                table: "Ratings",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SupersededAt",
                table: "Ratings",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Ratings_AssignmentId_Current",
                table: "Ratings",
                column: "AssignmentId",
                unique: true,
                filter: "SupersededAt IS NULL");

            // The audit log and submitted ratings are append-only in the database itself (see AppendOnly in HumanEval.Data).
            migrationBuilder.Sql("CREATE TRIGGER [TR_AuditEntries_AppendOnly] ON [AuditEntries] AFTER UPDATE, DELETE AS BEGIN SET NOCOUNT ON; IF EXISTS (SELECT 1 FROM deleted) THROW 51000, 'The audit log is append-only.', 1; END");
            migrationBuilder.Sql("CREATE TRIGGER [TR_Ratings_AppendOnly] ON [Ratings] AFTER UPDATE, DELETE AS BEGIN SET NOCOUNT ON; IF NOT EXISTS (SELECT 1 FROM deleted) RETURN; IF NOT EXISTS (SELECT 1 FROM inserted) THROW 51000, 'A submitted rating is never deleted.', 1; IF UPDATE([AssignmentId]) OR UPDATE([Version]) OR UPDATE([CampaignId]) OR UPDATE([ExampleId]) OR UPDATE([EvaluatorId]) OR UPDATE([RubricVersionId]) OR UPDATE([OverallComment]) OR UPDATE([Flagged]) OR UPDATE([FlagReason]) OR UPDATE([ActiveSeconds]) OR UPDATE([MinutesIntoSession]) OR UPDATE([SubmittedAt]) OR UPDATE([HourlyRate]) OR UPDATE([FlatRate]) OR UPDATE([Currency]) OR UPDATE([Cost]) OR UPDATE([EditedAt]) OR UPDATE([EditReason]) THROW 51000, 'A submitted rating is never rewritten; an edit is a new version.', 1; IF EXISTS (SELECT 1 FROM deleted d JOIN inserted i ON i.[Id] = d.[Id] WHERE d.[SupersededAt] IS NOT NULL OR i.[SupersededAt] IS NULL) THROW 51000, 'A rating version is superseded once.', 1; END");
            migrationBuilder.Sql("CREATE TRIGGER [TR_Scores_AppendOnly] ON [Scores] AFTER UPDATE, DELETE AS BEGIN SET NOCOUNT ON; IF EXISTS (SELECT 1 FROM deleted) THROW 51000, 'A submitted score is never rewritten or deleted.', 1; END");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [TR_AuditEntries_AppendOnly];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [TR_Ratings_AppendOnly];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [TR_Scores_AppendOnly];");

            migrationBuilder.DropIndex(
                name: "IX_Ratings_AssignmentId_Current",
                table: "Ratings");

            migrationBuilder.DropColumn(
                name: "EditReason",
                table: "Ratings");

            migrationBuilder.DropColumn(
                name: "EditedAt",
                table: "Ratings");

            migrationBuilder.DropColumn(
                name: "SupersededAt",
                table: "Ratings");
        }
    }
}
