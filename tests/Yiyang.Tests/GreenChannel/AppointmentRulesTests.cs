using Yiyang.Modules.GreenChannel;
using A = Yiyang.Modules.GreenChannel.AppointmentAction;
using S = Yiyang.Modules.GreenChannel.AppointmentStatus;

namespace Yiyang.Tests.GreenChannel;

public sealed class AppointmentRulesTests
{
    [Theory]
    [InlineData(S.Booked, A.Confirm)]
    [InlineData(S.Confirmed, A.Arrive)]
    [InlineData(S.Arrived, A.Serve)]
    [InlineData(S.Booked, A.Cancel)]
    [InlineData(S.Confirmed, A.Cancel)]
    public void The_hospital_moves_an_appointment_along(S from, A action) =>
        Assert.Null(AppointmentRules.Refusal(from, action, hospitalSide: true, careSide: false));

    [Theory]
    [InlineData(S.Booked, A.Arrive, "该预约当前状态为“已预约”，不能登记到达。")]
    [InlineData(S.Confirmed, A.Serve, "该预约当前状态为“已确认”，不能登记就诊。")]
    [InlineData(S.Arrived, A.Cancel, "该预约当前状态为“已到达”，不能取消。")]
    [InlineData(S.Served, A.Confirm, "该预约当前状态为“已就诊”，不能确认。")]
    [InlineData(S.Cancelled, A.Confirm, "该预约当前状态为“已取消”，不能确认。")]
    public void Illegal_steps_are_409_in_Chinese(S from, A action, string message) =>
        Assert.Equal((409, message), AppointmentRules.Refusal(from, action, true, true));

    [Fact]
    public void The_care_home_only_cancels()
    {
        Assert.Equal((403, "只有医院可以确认。"), AppointmentRules.Refusal(S.Booked, A.Confirm, false, true));
        Assert.Null(AppointmentRules.Refusal(S.Booked, A.Cancel, false, true));
        Assert.Equal(403, AppointmentRules.Refusal(S.Booked, A.Cancel, false, false)!.Value.Status);
    }

    [Fact]
    public void The_smallest_free_slot_is_taken_and_a_full_day_has_none()
    {
        Assert.Equal(1, AppointmentRules.FreeSlot([], 3));
        Assert.Equal(2, AppointmentRules.FreeSlot([1, 3], 3));
        Assert.Equal(3, AppointmentRules.FreeSlot([1], 3, skip: [2]));
        Assert.Null(AppointmentRules.FreeSlot([1, 2, 3], 3));
        Assert.Null(AppointmentRules.FreeSlot([2], 2, skip: [1]));
    }

    [Fact]
    public void Time_to_care_counts_from_arrival_and_from_booking()
    {
        var booked = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        var arrived = booked.AddHours(20);
        var served = arrived.AddMinutes(18).AddSeconds(30);
        Assert.Equal(18, AppointmentRules.MinutesToCare(arrived, served));
        Assert.Equal(20 * 60 + 18, AppointmentRules.MinutesFromBooking(booked, served));
        Assert.Null(AppointmentRules.MinutesToCare(arrived, null));
        Assert.Null(AppointmentRules.MinutesToCare(null, served));
    }
}
