using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Herald.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JobColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_ft_notification_status",
                table: "ft_notification_status");

            migrationBuilder.AddColumn<Guid>(
                name: "job_id",
                table: "notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "job_row_number",
                table: "notifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "job_id",
                table: "notification_history",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "job_row_number",
                table: "notification_history",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "job_id",
                table: "ft_notification_status",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddPrimaryKey(
                name: "pk_ft_notification_status",
                table: "ft_notification_status",
                columns: new[] { "day", "service_id", "template_id", "job_id", "type", "key_type", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_job_id_job_row_number",
                table: "notifications",
                columns: new[] { "job_id", "job_row_number" },
                unique: true,
                filter: "job_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_notifications_job_id_job_row_number",
                table: "notifications");

            migrationBuilder.DropPrimaryKey(
                name: "pk_ft_notification_status",
                table: "ft_notification_status");

            migrationBuilder.DropColumn(
                name: "job_id",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "job_row_number",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "job_id",
                table: "notification_history");

            migrationBuilder.DropColumn(
                name: "job_row_number",
                table: "notification_history");

            migrationBuilder.DropColumn(
                name: "job_id",
                table: "ft_notification_status");

            migrationBuilder.AddPrimaryKey(
                name: "pk_ft_notification_status",
                table: "ft_notification_status",
                columns: new[] { "day", "service_id", "template_id", "type", "key_type", "status" });
        }
    }
}
