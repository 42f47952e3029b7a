using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StuckNotificationIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_notifications_status_sent_at",
                table: "notifications",
                columns: new[] { "status", "sent_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_notifications_status_sent_at",
                table: "notifications");
        }
    }
}
