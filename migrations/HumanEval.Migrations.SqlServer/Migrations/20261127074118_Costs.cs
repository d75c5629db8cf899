using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HumanEval.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Costs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "Cost",
                table: "Ratings",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "Currency",
                table: "Ratings",
                type: "varchar(3)",
                unicode: false,
                maxLength: 3,
                nullable: false,
                defaultValue: "USD");

            migrationBuilder.AddColumn<decimal>(
                name: "FlatRate",
                table: "Ratings",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "HourlyRate",
                table: "Ratings",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Currency",
                table: "EvaluatorProfiles",
                type: "varchar(3)",
                unicode: false,
                maxLength: 3,
                nullable: false,
                defaultValue: "USD");

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAt",
                table: "EvaluatorProfiles",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "FlatRate",
                table: "EvaluatorProfiles",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "HourlyRate",
                table: "EvaluatorProfiles",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "WeeklyHourLimit",
                table: "EvaluatorProfiles",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Currency",
                table: "Campaigns",
                type: "varchar(3)",
                unicode: false,
                maxLength: 3,
                nullable: false,
                defaultValue: "USD");

            migrationBuilder.AddColumn<string>(
                name: "Series",
                table: "Campaigns",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Ratings_CampaignId_SubmittedAt",
                table: "Ratings",
                columns: new[] { "CampaignId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_Series",
                table: "Campaigns",
                column: "Series");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Ratings_CampaignId_SubmittedAt",
                table: "Ratings");

            migrationBuilder.DropIndex(
                name: "IX_Campaigns_Series",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "Cost",
                table: "Ratings");

            migrationBuilder.DropColumn(
                name: "Currency",
                table: "Ratings");

            migrationBuilder.DropColumn(
                name: "FlatRate",
                table: "Ratings");

            migrationBuilder.DropColumn(
                name: "HourlyRate",
                table: "Ratings");

            migrationBuilder.DropColumn(
                name: "Currency",
                table: "EvaluatorProfiles");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "EvaluatorProfiles");

            migrationBuilder.DropColumn(
                name: "FlatRate",
                table: "EvaluatorProfiles");

            migrationBuilder.DropColumn(
                name: "HourlyRate",
                table: "EvaluatorProfiles");

            migrationBuilder.DropColumn(
                name: "WeeklyHourLimit",
                table: "EvaluatorProfiles");

            migrationBuilder.DropColumn(
                name: "Currency",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "Series",
                table: "Campaigns");
        }
    }
}
