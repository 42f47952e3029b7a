using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

public sealed class PostgresHeraldDbContext(DbContextOptions<PostgresHeraldDbContext> options) : HeraldDbContext(options);
