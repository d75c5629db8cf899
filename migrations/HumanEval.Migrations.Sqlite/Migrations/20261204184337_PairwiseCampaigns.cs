using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HumanEval.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PairwiseCampaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AOnLeft",
                table: "Ratings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutputB",
                table: "Examples",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VersionA",
                table: "Examples",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VersionB",
                table: "Examples",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Campaigns",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Absolute"); // edited: existing campaigns are absolute (an empty string would not read as a kind)
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AOnLeft",
                table: "Ratings");

            migrationBuilder.DropColumn(
                name: "OutputB",
                table: "Examples");

            migrationBuilder.DropColumn(
                name: "VersionA",
                table: "Examples");

            migrationBuilder.DropColumn(
                name: "VersionB",
                table: "Examples");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Campaigns");
        }
    }
}
