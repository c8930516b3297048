using Yiyang.Modules.Referrals;
using A = Yiyang.Modules.Referrals.ReferralAction;
using S = Yiyang.Modules.Referrals.ReferralStatus;

namespace Yiyang.Tests.Referrals;

public sealed class ReferralRulesTests
{
    private const ReferralDirection Up = ReferralDirection.Up;
    private const ReferralDirection Down = ReferralDirection.Down;

    [Theory]
    [InlineData(S.Requested, A.Accept, S.Accepted)]
    [InlineData(S.Requested, A.Reject, S.Rejected)]
    [InlineData(S.Accepted, A.Arrive, S.Arrived)]
    [InlineData(S.Arrived, A.Return, S.Returned)]
    [InlineData(S.Arrived, A.Complete, S.Completed)]
    public void The_receiver_moves_an_up_referral_along_the_machine(S from, A action, S to)
    {
        var d = ReferralRules.Decide(from, Up, action, ReferralSide.Receiver);
        Assert.True(d.Allowed, d.Message);
        Assert.Equal(to, d.Next);
    }

    [Theory]
    [InlineData(S.Requested, false)]
    [InlineData(S.Accepted, true)]
    [InlineData(S.Arrived, true)]
    [InlineData(S.Completed, false)]
    [InlineData(S.Rejected, false)]
    [InlineData(S.Withdrawn, false)]
    public void A_down_referral_opens_its_follow_up_only_once_received(S status, bool allowed)
    {
        Assert.Equal(allowed, ReferralRules.FollowUp(status, Down, receiver: true, alreadyOpened: false).Allowed);
        Assert.Equal(403, ReferralRules.FollowUp(status, Down, receiver: false, alreadyOpened: false).Status);
        Assert.Equal(409, ReferralRules.FollowUp(status, Up, receiver: true, alreadyOpened: false).Status);
        Assert.Equal(409, ReferralRules.FollowUp(status, Down, receiver: true, alreadyOpened: true).Status);
    }

    [Fact]
    public void The_sender_withdraws_only_before_acceptance()
    {
        Assert.Equal(S.Withdrawn, ReferralRules.Decide(S.Requested, Up, A.Withdraw, ReferralSide.Sender).Next);
        var late = ReferralRules.Decide(S.Accepted, Up, A.Withdraw, ReferralSide.Sender);
        Assert.False(late.Allowed);
        Assert.Equal(409, late.Status);
        Assert.Equal("该转诊当前状态为“已接收”，不能撤回。对方已接收，不能再撤回，请与接收机构联系。", late.Message);
    }

    [Theory]
    [InlineData(A.Accept)]
    [InlineData(A.Reject)]
    [InlineData(A.Arrive)]
    [InlineData(A.Return)]
    [InlineData(A.Complete)]
    public void The_sender_cannot_act_for_the_receiver(A action)
    {
        var d = ReferralRules.Decide(S.Requested, Up, action, ReferralSide.Sender);
        Assert.False(d.Allowed);
        Assert.Equal(403, d.Status);
        Assert.StartsWith("只有接收机构可以", d.Message);
    }

    [Fact]
    public void The_receiver_cannot_withdraw_and_the_admin_acts_for_both_sides()
    {
        Assert.Equal(403, ReferralRules.Decide(S.Requested, Up, A.Withdraw, ReferralSide.Receiver).Status);
        Assert.True(ReferralRules.Decide(S.Requested, Up, A.Withdraw, ReferralSide.Both).Allowed);
        Assert.True(ReferralRules.Decide(S.Requested, Up, A.Accept, ReferralSide.Both).Allowed);
    }

    [Theory]
    [InlineData(S.Requested, A.Arrive, "该转诊当前状态为“申请”，不能登记到达。请先接收该转诊。")]
    [InlineData(S.Accepted, A.Accept, "该转诊当前状态为“已接收”，不能接收。")]
    [InlineData(S.Accepted, A.Reject, "该转诊当前状态为“已接收”，不能拒绝。")]
    [InlineData(S.Accepted, A.Complete, "该转诊当前状态为“已接收”，不能完成。患者尚未到达。")]
    [InlineData(S.Requested, A.Return, "该转诊当前状态为“申请”，不能回转。患者尚未到达。")]
    [InlineData(S.Rejected, A.Accept, "该转诊当前状态为“已拒绝”，不能接收。")]
    [InlineData(S.Withdrawn, A.Arrive, "该转诊当前状态为“已撤回”，不能登记到达。")]
    [InlineData(S.Completed, A.Complete, "该转诊当前状态为“已完成”，不能完成。")]
    [InlineData(S.Returned, A.Return, "该转诊当前状态为“已回转”，不能回转。")]
    [InlineData(S.Returned, A.Complete, "该转诊当前状态为“已回转”，不能完成。")]
    public void Illegal_transitions_are_conflicts_with_a_Chinese_message(S from, A action, string message)
    {
        var d = ReferralRules.Decide(from, Up, action, ReferralSide.Receiver);
        Assert.False(d.Allowed);
        Assert.Equal(409, d.Status);
        Assert.Equal(message, d.Message);
    }

    [Fact]
    public void Only_an_up_referral_is_returned_and_a_down_referral_is_completed_instead()
    {
        var d = ReferralRules.Decide(S.Arrived, Down, A.Return, ReferralSide.Receiver);
        Assert.Equal(409, d.Status);
        Assert.Contains("只有上转", d.Message);
        Assert.Equal(S.Completed, ReferralRules.Decide(S.Arrived, Down, A.Complete, ReferralSide.Receiver).Next);
    }

    [Fact]
    public void Final_states_allow_nothing()
    {
        foreach (var s in new[] { S.Completed, S.Rejected, S.Withdrawn })
        {
            Assert.True(ReferralRules.IsFinal(s));
            Assert.Empty(ReferralRules.Available(s, Up, ReferralSide.Both));
        }
    }

    [Fact]
    public void Available_actions_drive_the_buttons()
    {
        Assert.Equal([A.Accept, A.Reject], ReferralRules.Available(S.Requested, Up, ReferralSide.Receiver));
        Assert.Equal([A.Withdraw], ReferralRules.Available(S.Requested, Up, ReferralSide.Sender));
        Assert.Equal([A.Arrive], ReferralRules.Available(S.Accepted, Up, ReferralSide.Receiver));
        Assert.Equal([A.Return, A.Complete], ReferralRules.Available(S.Arrived, Up, ReferralSide.Receiver));
        Assert.Equal([A.Complete], ReferralRules.Available(S.Arrived, Down, ReferralSide.Receiver));
        Assert.Empty(ReferralRules.Available(S.Arrived, Up, ReferralSide.Sender));
    }

    [Fact]
    public void Response_times_are_whole_minutes_from_the_request()
    {
        var requested = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(25, ReferralRules.MinutesToAccept(requested, requested.AddMinutes(25).AddSeconds(59)));
        Assert.Equal(140, ReferralRules.MinutesToArrive(requested, requested.AddHours(2).AddMinutes(20)));
        Assert.Null(ReferralRules.MinutesToAccept(requested, null));
        Assert.Null(ReferralRules.MinutesToArrive(requested, null));
    }

    [Fact]
    public void Waiting_counts_from_the_request_then_from_the_acceptance_and_stops_at_arrival()
    {
        var requested = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var now = requested.AddHours(5);
        Assert.Equal(300, ReferralRules.WaitingMinutes(S.Requested, requested, null, now));
        Assert.Equal(120, ReferralRules.WaitingMinutes(S.Accepted, requested, requested.AddHours(3), now));
        Assert.Null(ReferralRules.WaitingMinutes(S.Arrived, requested, requested.AddHours(3), now));
        Assert.Null(ReferralRules.WaitingMinutes(S.Rejected, requested, null, now));
    }

    [Theory]
    [InlineData(12, "12 分钟")]
    [InlineData(60, "1 小时")]
    [InlineData(65, "1 小时 5 分钟")]
    [InlineData(1440, "1 天")]
    [InlineData(3 * 1440 + 2 * 60 + 7, "3 天 2 小时")]
    public void Durations_read_in_Chinese(int minutes, string text) => Assert.Equal(text, ReferralRules.Duration(minutes));

    [Fact]
    public void Indications_belong_to_one_direction()
    {
        Assert.Equal(Up, ReferralRules.FindIndication("fall-fracture")!.Direction);
        Assert.Equal(Down, ReferralRules.FindIndication("palliative")!.Direction);
        Assert.Null(ReferralRules.FindIndication("headache"));
        Assert.Equal(ReferralRules.Indications.Count, ReferralRules.Indications.Select(i => i.Code).Distinct().Count());
    }
}
