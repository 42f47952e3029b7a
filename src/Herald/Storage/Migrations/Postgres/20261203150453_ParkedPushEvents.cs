using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ParkedPushEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "last_parked_at",
                table: "pushers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_parked_event_id",
                table: "pushers",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_parked_reason",
                table: "pushers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "parked_events",
                table: "pushers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "last_parked_at",
                table: "pushers");

            migrationBuilder.DropColumn(
                name: "last_parked_event_id",
                table: "pushers");

            migrationBuilder.DropColumn(
                name: "last_parked_reason",
                table: "pushers");

            migrationBuilder.DropColumn(
                name: "parked_events",
                table: "pushers");
        }
    }
}
