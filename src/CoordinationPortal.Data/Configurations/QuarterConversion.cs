using CoordinationPortal.Domain.Calendar;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CoordinationPortal.Data.Configurations;

/// <summary>Stores a quarter as its sortable key (20242 = Q2/2024), so SQL can compare quarters.</summary>
internal sealed class QuarterConverter() : ValueConverter<Quarter, int>(q => q.Key, key => Quarter.FromKey(key));
