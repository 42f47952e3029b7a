using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>
/// A feature's part of the one model: its tables, keys and indexes. Found in the assembly by
/// <see cref="HeraldDbContext"/>, so Storage depends on no feature.
/// </summary>
public interface IModelConfiguration
{
    void Configure(ModelBuilder model);
}
