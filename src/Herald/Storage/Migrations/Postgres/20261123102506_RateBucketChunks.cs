using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RateBucketChunks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "last_allowed",
                table: "rate_buckets");

            migrationBuilder.AddColumn<int>(
                name: "last_granted",
                table: "rate_buckets",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "last_granted",
                table: "rate_buckets");

            migrationBuilder.AddColumn<bool>(
                name: "last_allowed",
                table: "rate_buckets",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }
    }
}
