using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HumanEval.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EditedAt",
                table: "Ratings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SupersededAt",
                table: "Ratings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Ratings_AssignmentId_Current",
                table: "Ratings",
                column: "AssignmentId",
                unique: true,
                filter: "SupersededAt IS NULL");

            // The audit log and submitted ratings are append-only in the database itself (see AppendOnly in HumanEval.Data).
            migrationBuilder.Sql("CREATE TRIGGER TR_AuditEntries_AppendOnly_Update BEFORE UPDATE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER TR_AuditEntries_AppendOnly_Delete BEFORE DELETE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER TR_Ratings_AppendOnly_Content BEFORE UPDATE OF AssignmentId, Version, CampaignId, ExampleId, EvaluatorId, RubricVersionId, OverallComment, Flagged, FlagReason, ActiveSeconds, MinutesIntoSession, SubmittedAt, HourlyRate, FlatRate, Currency, Cost, EditedAt, EditReason ON Ratings BEGIN SELECT RAISE(ABORT, 'A submitted rating is never rewritten; an edit is a new version.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER TR_Ratings_AppendOnly_Superseded BEFORE UPDATE OF SupersededAt ON Ratings WHEN OLD.SupersededAt IS NOT NULL OR NEW.SupersededAt IS NULL BEGIN SELECT RAISE(ABORT, 'A rating version is superseded once.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER TR_Ratings_AppendOnly_Delete BEFORE DELETE ON Ratings BEGIN SELECT RAISE(ABORT, 'A submitted rating is never deleted.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER TR_Scores_AppendOnly_Update BEFORE UPDATE ON Scores BEGIN SELECT RAISE(ABORT, 'A submitted score is never rewritten.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER TR_Scores_AppendOnly_Delete BEFORE DELETE ON Scores BEGIN SELECT RAISE(ABORT, 'A submitted score is never deleted.'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TR_AuditEntries_AppendOnly_Update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TR_AuditEntries_AppendOnly_Delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TR_Ratings_AppendOnly_Content;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TR_Ratings_AppendOnly_Superseded;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TR_Ratings_AppendOnly_Delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TR_Scores_AppendOnly_Update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TR_Scores_AppendOnly_Delete;");

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
