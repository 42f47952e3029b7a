using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceCallbacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "service_callbacks",
                columns: table => new
                {
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    protected_bearer_token = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_callbacks", x => new { x.service_id, x.kind });
                    table.ForeignKey(
                        name: "fk_service_callbacks_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_callbacks");
        }
    }
}
