namespace Herald.Pushers;

public enum PusherStepKind
{
    Continue,
    Idle,
    Wait,
    Sleep,
    Stop,
}
