using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HumanEval.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class JudgeScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "JudgeScores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CampaignId = table.Column<int>(type: "int", nullable: false),
                    ExampleId = table.Column<long>(type: "bigint", nullable: false),
                    CriterionKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Score = table.Column<double>(type: "float", nullable: false),
                    JudgeModel = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    JudgePromptVersion = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Rationale = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ImportedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JudgeScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JudgeScores_Examples_ExampleId",
                        column: x => x.ExampleId,
                        principalTable: "Examples",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JudgeScores_CampaignId_JudgeModel_JudgePromptVersion",
                table: "JudgeScores",
                columns: new[] { "CampaignId", "JudgeModel", "JudgePromptVersion" });

            migrationBuilder.CreateIndex(
                name: "IX_JudgeScores_ExampleId_CriterionKey_JudgeModel_JudgePromptVersion",
                table: "JudgeScores",
                columns: new[] { "ExampleId", "CriterionKey", "JudgeModel", "JudgePromptVersion" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JudgeScores");
        }
    }
}
