// The Platform kit and the framework namespaces nearly every module file uses, imported once for the whole app
// (module namespaces stay explicit, so that a file's usings show which other modules it depends on).
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
global using Yiyang.Platform.Audit;
global using Yiyang.Platform.Data;
global using Yiyang.Platform.Errors;
global using Yiyang.Platform.Regions;
global using Yiyang.Platform.Security;
global using Yiyang.Platform.Time;
global using Yiyang.Platform.Web;
