using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HumanEval.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DecisionRule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "EquivalenceMargin",
                table: "Campaigns",
                type: "REAL",
                nullable: false,
                defaultValue: 0.20000000000000001);

            migrationBuilder.AddColumn<double>(
                name: "MaxExpectedLoss",
                table: "Campaigns",
                type: "REAL",
                nullable: false,
                defaultValue: 0.050000000000000003);

            migrationBuilder.AddColumn<int>(
                name: "MinHoursBeforeCall",
                table: "Campaigns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 72);

            migrationBuilder.AddColumn<double>(
                name: "MinimumEffect",
                table: "Campaigns",
                type: "REAL",
                nullable: false,
                defaultValue: 0.20000000000000001);

            migrationBuilder.AddColumn<int>(
                name: "PlannedExamplesPerVersion",
                table: "Campaigns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SafetyVetoProbability",
                table: "Campaigns",
                type: "REAL",
                nullable: false,
                defaultValue: 0.80000000000000004);

            migrationBuilder.AddColumn<double>(
                name: "ShipProbability",
                table: "Campaigns",
                type: "REAL",
                nullable: false,
                defaultValue: 0.94999999999999996);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EquivalenceMargin",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "MaxExpectedLoss",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "MinHoursBeforeCall",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "MinimumEffect",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "PlannedExamplesPerVersion",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "SafetyVetoProbability",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "ShipProbability",
                table: "Campaigns");
        }
    }
}
